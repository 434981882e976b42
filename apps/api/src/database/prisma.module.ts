import { Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** The Prisma client alone, so the transaction plugin can import it. */
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class PrismaModule {}

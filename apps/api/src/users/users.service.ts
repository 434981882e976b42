import { Injectable } from '@nestjs/common';
import { Prisma, type User } from '@generated/prisma';
import { AuditService } from '../audit/audit.service';
import type { AuthContext } from '../auth/auth-context';
import { hashPassword } from '../auth/passwords';
import { PrismaService } from '../database/prisma.service';
import { conflict, invalid } from '../common/problem';
import { CreateUserDto, UserDto } from './users.dto';
import { Page, pageArgs, pageOf, PageQueryDto } from '../common/paging';

export function toUserDto(u: User): UserDto {
  return { id: u.id, email: u.email, role: u.role, buyerId: u.buyerId, active: u.active, createdAt: u.createdAt.toISOString() };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async create(auth: AuthContext | null, dto: CreateUserDto): Promise<UserDto> {
    if (dto.role === 'ADMIN' && dto.buyerId) throw invalid([{ field: 'buyerId', message: 'an ADMIN belongs to no buyer' }]);
    if (dto.role !== 'ADMIN' && !dto.buyerId) throw invalid([{ field: 'buyerId', message: `an ${dto.role} must belong to a buyer` }]);
    const passwordHash = await hashPassword(dto.password);
    return this.prisma.transaction(async (tx) => {
      if (dto.buyerId && !(await tx.buyer.findUnique({ where: { id: dto.buyerId }, select: { id: true } }))) {
        throw invalid([{ field: 'buyerId', message: 'no buyer with this id' }]);
      }
      try {
        const user = await tx.user.create({ data: { email: dto.email.toLowerCase(), passwordHash, role: dto.role, buyerId: dto.buyerId ?? null } });
        await this.audit.append(tx, {
          auth,
          action: 'user.created',
          objectType: 'user',
          objectId: user.id,
          tenderId: null,
          buyerId: user.buyerId,
          payload: { email: user.email, role: user.role, buyerId: user.buyerId },
        });
        return toUserDto(user);
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw conflict('DUPLICATE', 'A user with this e-mail already exists');
        throw e;
      }
    });
  }

  async list(q: PageQueryDto): Promise<Page<UserDto>> {
    const args = pageArgs(q);
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({ orderBy: { email: 'asc' }, skip: args.skip, take: args.take }),
      this.prisma.user.count(),
    ]);
    return pageOf(args, rows.map(toUserDto), total);
  }
}

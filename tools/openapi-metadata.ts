/**
 * Writes apps/api/src/metadata.ts: what the @nestjs/swagger compiler plugin
 * (nest-cli.json) derives from the DTOs, controllers, validators and doc
 * comments, as a plain module. `nest build` runs the plugin; Jest compiles with
 * swc, where it does not run. create-app.ts loads this file in both, so the
 * document served in tests is the production one; test/openapi.e2e-spec.ts
 * regenerates it and fails when the committed file is stale.
 *
 * `npm run openapi:metadata [-- <outDir>]`
 */
import path from 'node:path';
import ts from 'typescript';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/dist/plugin';
import nestCli from '../nest-cli.json';

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'apps/api/src');
const outDir = process.argv[2] ? path.resolve(process.argv[2]) : source;
const swagger = nestCli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger');
if (!swagger) throw new Error('nest-cli.json declares no @nestjs/swagger plugin');

// Our own program over tsconfig.build.json without the file being written: the old one may be
// stale (and not type-check) and must not feed the new one. `tsc --noEmit` does the type check.
const configFile = ts.readConfigFile(path.join(root, 'tsconfig.build.json'), (f) => ts.sys.readFile(f));
const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
const target = path.join(source, 'metadata.ts');
const program = ts.createProgram({ rootNames: config.fileNames.filter((f) => path.resolve(f) !== target), options: config.options });

new PluginMetadataGenerator().generate({
  visitors: [new ReadonlyVisitor({ ...swagger.options, pathToSource: source })],
  outputDir: outDir,
  filename: 'metadata.ts',
  tsProgramRef: program,
});

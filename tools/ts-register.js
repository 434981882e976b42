// `node -r ./tools/ts-register.js tools/<script>.ts` runs the TypeScript dev
// tools with the @swc/core that Jest already uses: Node 20 cannot strip types
// and we want no ts-node/tsx. It transpiles only (no type check: `npx tsc -p
// tools --noEmit` does that), with the same settings as jest.config.js.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

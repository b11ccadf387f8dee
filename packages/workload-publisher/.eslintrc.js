module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The bundled CLI (`yarn bundle`, served by the portal) is generated code.
  ignorePatterns: ['dist-bundle/'],
});

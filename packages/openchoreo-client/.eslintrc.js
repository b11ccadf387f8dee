module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // openapi-fetch names its request methods after the HTTP verbs: http.GET(...), http.PUT(...).
    'new-cap': [
      'error',
      { capIsNewExceptionPattern: '^http\\.(GET|POST|PUT|DELETE)$' },
    ],
  },
});

// How the pipeline snippets write values in each CI's language (internal to the renderers).

/** A Groovy single-quoted string literal. */
export const groovyString = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A YAML scalar: plain when safe, otherwise double-quoted (JSON is valid YAML). */
export const yamlScalar = (value: string) =>
  /^[A-Za-z][A-Za-z0-9._/:@-]*$/.test(value) &&
  !/^(true|false|yes|no|on|off|null)$/i.test(value)
    ? value
    : JSON.stringify(value);

/** A POSIX shell single-quoted word. */
export const shellWord = (value: string) => `'${value.replace(/'/g, `'"'"'`)}'`;

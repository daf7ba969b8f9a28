import { describe, expect, it } from 'vitest'
import { checkKamateraPassword } from '../../plugins/kamatera/password-rule.js'
import { generateServerPassword } from '../../src/cli/server-password.js'

describe('generated server passwords', () => {
  it("always satisfy Kamatera's rule and are never the same twice", () => {
    const passwords = Array.from({ length: 2_000 }, () => generateServerPassword())
    for (const password of passwords) expect(() => checkKamateraPassword(password, 'input.password')).not.toThrow()
    expect(new Set(passwords).size).toBe(passwords.length)
  })

  it('put the required upper-case letter, lower-case letter and digit anywhere, not always first', () => {
    const firsts = new Set(
      Array.from({ length: 300 }, () =>
        generateServerPassword()[0]!.replace(/[A-Z]/, 'U').replace(/[a-z]/, 'l').replace(/[0-9]/, 'd'),
      ),
    )
    expect(firsts.size).toBeGreaterThan(2)
  })
})

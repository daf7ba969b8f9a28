import { describe, expect, it } from 'vitest'
import { providerOptionsOf } from '../../src/cli/provider-options-flag.js'

describe('--option k=v', () => {
  it('maps true/false to booleans, digits to numbers, tags to a list, the rest to strings', () => {
    expect(
      providerOptionsOf([
        'dailyBackup=true',
        'managed=false',
        'port=8080',
        'tags=web,prod',
        'billing=monthly',
        'network=id=0,name=wan,ip=auto',
        'code=007',
        'empty=',
      ]),
    ).toEqual({
      dailyBackup: true,
      managed: false,
      port: 8080,
      tags: ['web', 'prod'],
      billing: 'monthly',
      network: 'id=0,name=wan,ip=auto',
      code: '007',
      empty: '',
    })
    expect(providerOptionsOf(['tags=web'])).toEqual({ tags: ['web'] })
    expect(providerOptionsOf(undefined)).toBeUndefined()
  })

  it('refuses a pair without "=", a bad key or a key given twice, naming --option (exit 2)', () => {
    for (const pairs of [['billing'], ['=x'], ['a b=c'], ['tags=a', 'tags=b']]) {
      expect(() => providerOptionsOf(pairs)).toThrow(
        expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/^--option: /) }),
      )
    }
  })
})

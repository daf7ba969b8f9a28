// A module resolution hook (node:module `register`) for provider packages Hangar loads: their
// `import ... from 'hangar/provider-kit'` resolves to the Hangar that runs them, even when the
// package was installed where no `hangar` package is (a user's folder beside hangar.json, with
// Hangar run from a checkout or a global install). Plain JavaScript: hooks run on the loader's
// own thread, before any TypeScript loader applies to this file.

/** A file inside the running Hangar, from which `hangar/...` resolves by self-reference. */
let hangarFile

export function initialize(data) {
  hangarFile = data.hangarFile
}

const isHangar = (specifier) => specifier === 'hangar' || specifier.startsWith('hangar/')

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    if (!isHangar(specifier) || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
    return nextResolve(specifier, { ...context, parentURL: hangarFile })
  }
}

/** The frameworks the seed project offers, by id: the catalogue has each of them (and may have more). */
export const SEED_FRAMEWORK_IDS = [
  'django',
  'flask',
  'fastapi',
  'nodejs',
  'express',
  'nextjs',
  'laravel',
  'symfony',
  'springboot',
  'static',
] as const

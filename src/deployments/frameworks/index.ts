import type { Framework } from './framework.js'
import { javaFrameworks } from './java.js'
import { javascriptFrameworks } from './javascript.js'
import { phpFrameworks } from './php.js'
import { pythonFrameworks } from './python.js'
import { staticFrameworks } from './static-site.js'

export type { Framework, HealthCheck, RecipeContext, RecipeStage, RecipeStep } from './framework.js'

/** Every framework the engine deploys, in catalogue order. */
export const FRAMEWORKS: readonly Framework[] = [
  ...pythonFrameworks,
  ...javascriptFrameworks,
  ...phpFrameworks,
  ...javaFrameworks,
  ...staticFrameworks,
]

const byId = new Map(FRAMEWORKS.map((framework) => [framework.id, framework]))

export function findFramework(id: string): Framework | undefined {
  return byId.get(id)
}

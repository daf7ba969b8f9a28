import {
  fetchStep,
  inApp,
  runtimeStep,
  serviceStep,
  type Framework,
  type RecipeContext,
  type RecipeStep,
} from './framework.js'

const nodeRuntime = runtimeStep('command -v node', [
  'curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
  'DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs',
])

const npmDependencies = (context: RecipeContext): RecipeStep => ({
  stage: 'dependencies',
  commands: [inApp(context, 'if [ -f package-lock.json ]; then npm ci; else npm install; fi')],
})

const npmBuild = (context: RecipeContext): RecipeStep => ({
  stage: 'build',
  commands: [inApp(context, 'npm run build --if-present')],
})

/** Plain Node.js: the repository's own `build` and `start` scripts. */
const nodejs: Framework = {
  id: 'nodejs',
  name: 'Node.js',
  version: '20 LTS',
  language: 'javascript',
  port: 3000,
  health: { path: '/', expect: 'success' },
  recipe: (context) => [
    nodeRuntime,
    fetchStep(context),
    npmDependencies(context),
    npmBuild(context),
    serviceStep(context, 'npm start', { NODE_ENV: 'production' }),
  ],
}

export const javascriptFrameworks: Framework[] = [
  nodejs,
  // An Express app is run like any Node.js app: its `start` script.
  { ...nodejs, id: 'express', name: 'Express', version: '4.x' },
  {
    id: 'nextjs',
    name: 'Next.js',
    version: '14.x',
    language: 'javascript',
    port: 3000,
    health: { path: '/', expect: 'success' },
    recipe: (context) => [
      nodeRuntime,
      fetchStep(context),
      npmDependencies(context),
      { stage: 'build', commands: [inApp(context, 'npm run build')] },
      serviceStep(context, `npx next start -H 0.0.0.0 -p ${context.port}`, { NODE_ENV: 'production' }),
    ],
  },
]

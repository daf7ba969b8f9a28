import {
  fetchStep,
  inApp,
  runtimeStep,
  serviceStep,
  type Framework,
  type RecipeContext,
  type RecipeStep,
} from './framework.js'

const phpRuntime = runtimeStep('command -v composer', [
  'DEBIAN_FRONTEND=noninteractive apt-get install -y ' +
    'php-cli php-xml php-mbstring php-curl php-zip php-sqlite3 unzip composer',
])

const composerDependencies = (context: RecipeContext): RecipeStep => ({
  stage: 'dependencies',
  commands: [inApp(context, 'composer install --no-dev --no-interaction --prefer-dist --optimize-autoloader')],
})

export const phpFrameworks: Framework[] = [
  {
    id: 'laravel',
    name: 'Laravel',
    version: '11.x',
    language: 'php',
    port: 8000,
    health: { path: '/', expect: 'success' },
    recipe: (context) => [
      phpRuntime,
      fetchStep(context),
      composerDependencies(context),
      {
        stage: 'build',
        commands: [
          inApp(context, '[ -f .env ] || cp .env.example .env'),
          inApp(context, 'php artisan key:generate --force'),
          inApp(context, 'php artisan migrate --force || true'),
        ],
      },
      serviceStep(context, `php artisan serve --host 0.0.0.0 --port ${context.port}`),
    ],
  },
  {
    id: 'symfony',
    name: 'Symfony',
    version: '7.x',
    language: 'php',
    port: 8000,
    health: { path: '/', expect: 'any' },
    recipe: (context) => [
      phpRuntime,
      fetchStep(context),
      composerDependencies(context),
      { stage: 'build', commands: [inApp(context, 'APP_ENV=prod php bin/console cache:clear || true')] },
      serviceStep(context, `php -S 0.0.0.0:${context.port} -t public`, { APP_ENV: 'prod' }),
    ],
  },
]

import { recipeOf, runtimeStep, type Framework, type RecipeStages } from './framework.js'

/** The runtime and dependencies of every PHP framework: Composer's. */
const composer: Pick<RecipeStages, 'runtime' | 'dependencies'> = {
  runtime: runtimeStep('command -v composer', [
    'DEBIAN_FRONTEND=noninteractive apt-get install -y ' +
      'php-cli php-xml php-mbstring php-curl php-zip php-sqlite3 unzip composer',
  ]),
  dependencies: ['composer install --no-dev --no-interaction --prefer-dist --optimize-autoloader'],
}

export const phpFrameworks: Framework[] = [
  {
    id: 'laravel',
    name: 'Laravel',
    version: '11.x',
    language: 'php',
    port: 8000,
    health: { path: '/', expect: 'success' },
    recipe: recipeOf({
      ...composer,
      build: [
        '[ -f .env ] || cp .env.example .env',
        'php artisan key:generate --force',
        'php artisan migrate --force || true',
      ],
      serve: (port) => `php artisan serve --host 0.0.0.0 --port ${port}`,
    }),
  },
  {
    id: 'symfony',
    name: 'Symfony',
    version: '7.x',
    language: 'php',
    port: 8000,
    health: { path: '/', expect: 'any' },
    recipe: recipeOf({
      ...composer,
      build: ['APP_ENV=prod php bin/console cache:clear || true'],
      serve: (port) => `php -S 0.0.0.0:${port} -t public`,
      environment: { APP_ENV: 'prod' },
    }),
  },
]

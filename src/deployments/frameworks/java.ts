import { recipeOf, runtimeStep, type Framework } from './framework.js'

export const javaFrameworks: Framework[] = [
  {
    id: 'springboot',
    name: 'Spring Boot',
    version: '3.x',
    language: 'java',
    port: 8080,
    // A Spring Boot app without a page at / answers 404 once it is up: any answer will do.
    health: { path: '/', expect: 'any' },
    recipe: recipeOf({
      runtime: runtimeStep('command -v java', [
        'DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jdk-headless maven',
      ]),
      dependencies: ['if [ -x mvnw ]; then ./mvnw -q dependency:go-offline; else mvn -q dependency:go-offline; fi'],
      build: ['if [ -x mvnw ]; then ./mvnw -q -DskipTests package; else mvn -q -DskipTests package; fi'],
      serve: (port) =>
        `sh -c 'exec java -jar "$(ls target/*.jar | grep -v original | head -n 1)" --server.port=${port}'`,
    }),
  },
]

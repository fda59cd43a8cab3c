/**
 * How every Lambda function is bundled (esbuild, through CDK's NodejsFunction), as plain data: the
 * CDK construct (constructs/ladder-function.ts) and the benchmark's bundle-size check
 * (bench/bundles.ts) both read it, so the sizes the benchmark prints are the sizes that deploy.
 */
export const LAMBDA_BUNDLING = {
  minify: true,
  target: 'node24',
  /**
   * Non-ASCII text (the message catalogues in German, French, Spanish and Japanese) stays UTF-8
   * instead of `\uXXXX` escapes: a Japanese character is 3 bytes, not 6. Node reads its source as
   * UTF-8, so nothing else changes.
   */
  charset: 'utf8',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call `require()` for Node built-ins; an ESM bundle has no `require`,
  // so give it one.
  banner:
    "import { createRequire as __ladderCreateRequire } from 'node:module'; const require = __ladderCreateRequire(import.meta.url);",
  /**
   * Everything is bundled, the AWS SDK v3 included (the deployed code runs the exact SDK version
   * from package-lock.json that the tests and the local runtime run), except the credential
   * providers the SDK's default chain loads with a dynamic `import()` only when no credentials are
   * in the environment: SSO, shared ini files, credential processes, web-identity token files,
   * and the remote providers (instance metadata, container and HTTP credentials endpoints).
   * A Lambda function always has its role's credentials in the environment, so these are never
   * loaded there (were they needed, the runtime's own copy of the SDK would answer). Leaving them
   * out saves about 110 KB per function (they bring the STS, SSO and sign-in clients along).
   */
  externalModules: [
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@smithy/credential-provider-imds',
    '@aws-sdk/credential-provider-http',
  ],
} as const;

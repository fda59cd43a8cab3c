/**
 * Environment defaults of the CLI, imported first by cli/main.ts: ES modules run their imports
 * before their own code, and the handlers' Powertools logger reads its level when its module loads.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log through Powertools; the CLI keeps the terminal for people unless asked otherwise.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

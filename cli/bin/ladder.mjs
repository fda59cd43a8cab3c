#!/usr/bin/env node
// `npx ladder …`: runs the TypeScript CLI through tsx (no build step), on the project's Node 24.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');

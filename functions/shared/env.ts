import { ENV } from '../catalog.ts';
import { ConfigurationError } from './errors.ts';

type EnvKey = keyof typeof ENV;

/** Reads a required setting at call time (not import time), so the local runtime can set it first. */
export function requireEnv(key: EnvKey): string {
  const value = process.env[ENV[key]];
  if (!value) throw new ConfigurationError(`Environment variable ${ENV[key]} is not set`);
  return value;
}

export function optionalEnv(key: EnvKey): string | undefined {
  return process.env[ENV[key]] || undefined;
}

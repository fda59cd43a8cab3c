/**
 * Builds the CDK app: the Ladder stack plus the cdk-nag AWS Solutions checks (findings make
 * synth fail; every acknowledged one names its resource and reason at the construct it is on).
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackNameFrom } from './config.ts';
import { LadderStack } from './ladder-stack.ts';

export interface CreateAppOptions extends AppProps {
  /** Register cdk-nag's AwsSolutionsChecks as a validation plugin (default true). */
  nag?: boolean;
}

export function createApp(options: CreateAppOptions = {}): { app: App; stack: LadderStack } {
  const { nag = true, ...appProps } = options;
  const app = new App(appProps);
  const stack = new LadderStack(app, stackNameFrom(app));
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

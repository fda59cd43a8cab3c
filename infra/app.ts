/**
 * CDK app entry (`"app": "npx tsx infra/app.ts"` in cdk.json). Settings come from context:
 * ladder:senderEmail, ladder:hrEmail, ladder:failureEmail, ladder:scheduleTimezone,
 * ladder:reviewDays, and ladder:stackName (default `Ladder`). See docs/deploy.md.
 */
import { createApp } from './create-app.ts';

createApp();

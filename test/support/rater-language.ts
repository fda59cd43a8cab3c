/**
 * Gives a rater of a running cycle a language and time zone, as the open-cycle step snapshots them
 * from the roster's `locale` and `time_zone` columns onto the request (`raterLocale`,
 * `raterTimeZone`), so that a test can have a German rater without another cycle.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import type { RequestItem } from '../../functions/shared/store/items.ts';
import { tableName } from '../../functions/shared/store/table.ts';

export async function setRaterLanguage(
  invitation: { request: Pick<RequestItem, 'pk' | 'sk'> },
  locale: string,
  timeZone: string,
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: invitation.request.pk, sk: invitation.request.sk },
      UpdateExpression: 'SET raterLocale = :locale, raterTimeZone = :zone',
      ExpressionAttributeValues: { ':locale': locale, ':zone': timeZone },
    }),
  );
}

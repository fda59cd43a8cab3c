/** Every item physically in a local table (through the SDK, not through the stores' filters). */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../functions/shared/aws-clients.ts';

export type StoredItem = Record<string, unknown> & { pk: string; sk: string };

export async function scanTable(tableName: string): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as StoredItem[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * The one definition of Ladder's DynamoDB table. The CDK stack (`infra/`) and the local runtime
 * (`local/`) both build their table from this object, so keys and indexes cannot drift apart.
 * No AWS imports here: it is plain data.
 *
 * Item shapes and access patterns are documented in docs/data-model.md; key builders live in
 * `./keys.ts`.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Overloaded global secondary index: leader history across quarters (`LEADER#id` / `REC#quarter`). */
  globalSecondaryIndexes: [{ indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  /** All key attributes are strings. */
  attributeType: 'S',
  /**
   * TTL attribute (epoch seconds): DynamoDB deletes an item some time after it (AWS enables TTL on
   * it; the local runtime's sweeper applies the same rule). Values: functions/core/retention.ts.
   */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableSchema = typeof TABLE_SCHEMA;

/** CreateTable input for the local runtime (and anything else that speaks the DynamoDB API). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, globalSecondaryIndexes } = TABLE_SCHEMA;
  const attributes = new Set<string>([partitionKey, sortKey]);
  for (const index of globalSecondaryIndexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

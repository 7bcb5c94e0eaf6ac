import { Types, type MongooseQueryMiddleware, type Schema } from 'mongoose';

/**
 * Every query middleware Mongoose runs for a model (its documented list). Each one
 * must name the owner in its filter; a guard that missed one would leave a way around.
 */
const FILTERED_OPERATIONS: MongooseQueryMiddleware[] = [
  'countDocuments',
  'distinct',
  'find',
  'findOne',
  'findOneAndDelete',
  'findOneAndUpdate',
  'updateMany',
  'updateOne',
  'deleteMany',
  'deleteOne',
];

export class UnscopedQueryError extends Error {
  constructor(operation: string, reason: string) {
    super(`Refused ${operation} on an owned collection: ${reason}`);
    this.name = 'UnscopedQueryError';
  }
}

function namesOneOwner(filter: Record<string, unknown>): boolean {
  const owner = filter['owner'];

  if (owner instanceof Types.ObjectId) return true;

  return (
    typeof owner === 'object' &&
    owner !== null &&
    Object.keys(owner).length === 1 &&
    (owner as { $eq?: unknown }).$eq instanceof Types.ObjectId
  );
}

function touchesOwner(update: unknown): boolean {
  if (typeof update !== 'object' || update === null) return false;
  if (Array.isArray(update)) return update.some(touchesOwner);

  return Object.entries(update).some(([key, value]) => {
    if (key === 'owner') return true;
    // `$rename: { title: 'owner' }` names the owner as a value, not a key.
    if (key === '$rename') return Object.values(value as object).includes('owner');

    return key.startsWith('$') && touchesOwner(value);
  });
}

/**
 * Makes a model refuse, in every environment, any read, update, delete, count or
 * aggregation whose filter does not pin a single owner, any update that would
 * change the owner, and any whole-document replacement. Scoping then fails loudly
 * instead of leaking quietly.
 */
export function ownerGuard(schema: Schema): void {
  schema.pre(FILTERED_OPERATIONS, { document: false, query: true }, function () {
    const operation = (this as { op?: string }).op ?? 'query';

    if (!namesOneOwner(this.getFilter())) {
      throw new UnscopedQueryError(operation, 'the filter does not name the owner');
    }

    if (touchesOwner(this.getUpdate())) {
      throw new UnscopedQueryError(operation, 'an update may not change the owner');
    }
  });

  // A replacement that leaves the owner out would strip it: whole-document
  // replacement is refused, and updates go through operators instead.
  schema.pre(['replaceOne', 'findOneAndReplace'], { document: false, query: true }, function () {
    throw new UnscopedQueryError((this as { op?: string }).op ?? 'replace', 'replace documents with $set instead');
  });

  schema.pre('estimatedDocumentCount', function () {
    throw new UnscopedQueryError('estimatedDocumentCount', 'it cannot be filtered by owner');
  });

  schema.pre('aggregate', function () {
    const first = this.pipeline()[0] as { $match?: Record<string, unknown> } | undefined;

    if (!first?.$match || !namesOneOwner(first.$match)) {
      throw new UnscopedQueryError('aggregate', 'the first stage must $match the owner');
    }
  });

  schema.pre('bulkWrite', function () {
    throw new UnscopedQueryError('bulkWrite', 'bulk writes bypass per-owner filters');
  });
}

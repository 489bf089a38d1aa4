import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// One exported SEPA credit transfer file (pain.001.001.09): AeS sends it to its bank.
@Entity({ tableName: 'transfer_batch' })
export class TransferBatch {
  @PrimaryKey({ length: 36 })
  id: string = randomUUID();

  @Property({ length: 35, unique: true })
  messageId!: string;

  @Property()
  createdAt!: Date;

  @Property({ length: 100 })
  createdBy!: string;

  @Property({ length: 10 })
  requestedExecutionDate!: string;

  @Property()
  numberOfTransactions!: number;

  @Property()
  controlSumCents!: number;

  @Property({ type: 'json' })
  invoiceIds!: string[];

  @Property({ length: 36 })
  attachmentId!: string;

  @Property({ length: 64 })
  sha256!: string;
}

import type { DeliveryRecord, Storage } from "../../service/storage/storage.js";

/**
 * A webhook's deliveries oldest first, as tests read them: the storage's log pages them newest
 * first. An organization without that webhook has none.
 */
export async function deliveriesOf(
  storage: Storage,
  orgId: string,
  webhookId: string,
): Promise<DeliveryRecord[]> {
  const log = await storage.deliveryLog(orgId, webhookId, { page: 1, perPage: 1_000 });
  return (log?.deliveries ?? []).reverse();
}

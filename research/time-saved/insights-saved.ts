import { call, type Service } from "./service-process.js";

/** The dashboard's time saved for the repository today (`GET /v1/repos/{id}/insights`). */
export async function dashboardSavedMs(service: Service, repoId: string): Promise<number> {
  const day = new Date().toISOString().slice(0, 10);
  const insights = await call<{ totals: { time_saved_ms: number } }>(
    service,
    "GET",
    `/repos/${encodeURIComponent(repoId)}/insights?from=${day}&to=${day}`,
  );
  return insights.totals.time_saved_ms;
}

/** CI and this machine run Redis here; override to point the suite elsewhere. */
export const TEST_REDIS_URL = process.env.SUPERPLANE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

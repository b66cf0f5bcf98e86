export const DEFAULT_DATABASE = "./superplane.db";

/** `--database` wins, then SUPERPLANE_DATABASE_URL, then an SQLite file beside the process. */
export function resolveDatabaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.SUPERPLANE_DATABASE_URL ?? DEFAULT_DATABASE;
}

/** For log lines: never print a password. */
export function describeDatabase(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return `sqlite ${url}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return `postgres ${parsed.toString()}`;
}

/** What every command is: its flags and the CLI's log in, an exit code (exit-codes.ts) out. */
export type CommandRun<F> = (flags: F, log: (line: string) => void) => Promise<number>;

/**
 * The commander action for a command: runs it with the CLI's log and keeps its exit code for the
 * process, which main.ts sets once the whole parse is over.
 */
export function commandAction<F>(
  command: CommandRun<F>,
  log: (line: string) => void,
  exit: { code: number },
): (flags: F) => Promise<void> {
  return async (flags) => {
    exit.code = await command(flags, log);
  };
}

/** One rewritten line on stderr while a long run works; silent when stderr is not a terminal. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): {
  update: (message: string) => void;
  done: () => void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let shown = false;
  let last = 0;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[K${message}`);
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}

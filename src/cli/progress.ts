/** Progress on a terminal for long runs; nothing at all when stderr is not a TTY (CI, pipes, tests). */
export interface Progress {
  variants: (done: number, total: number) => void;
  solutions: (done: number, total: number) => void;
  stop: () => void;
}

const SILENT: Progress = { variants: () => {}, solutions: () => {}, stop: () => {} };

/** Worth a bar from this many variants on (smaller sets finish before it would show). */
export const PROGRESS_FROM = 50;

export async function startProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Promise<Progress> {
  if (!stream.isTTY || total < PROGRESS_FROM) return SILENT;
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    { stream, format: "{phase} [{bar}] {value}/{total}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  // Two phases over the same variants: drawing the numbers, then rendering the solutions.
  bar.start(total, 0, { phase: "variants " });
  let phase = "variants ";
  const at = (name: string) => (done: number) => {
    if (phase !== name) {
      phase = name;
      bar.update(done, { phase: name });
    } else bar.update(done);
  };
  return { variants: at("variants "), solutions: at("solutions"), stop: () => bar.stop() };
}

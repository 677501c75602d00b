/** `npx tsx demo/serve.ts`: runs the demo server on $PORT (default 7860) until SIGINT or SIGTERM. */
import { startDemoServer } from "./server.ts";

const DEFAULT_PORT = 7860;

const server = await startDemoServer({ port: Number(process.env.PORT ?? DEFAULT_PORT) });
console.log(`Pipecat DevTools demo server: ${server.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      // werift's sockets may outlive close() by a moment: leave now rather than wait for them.
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

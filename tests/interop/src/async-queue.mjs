// A push-driven async iterable: lets a scenario decide each request of a streaming call after seeing
// the previous response (ping-pong), which a pre-built array cannot express.

/** Returns { iterable, push(value), end() }; the iterable is a generator, so callers may also throw/return. */
export function createAsyncQueue() {
  const values = [];
  let ended = false;
  let wake = () => {};

  async function* drain() {
    for (;;) {
      if (values.length > 0) {
        yield values.shift();
      } else if (ended) {
        return;
      } else {
        await new Promise((resolve) => { wake = resolve; });
      }
    }
  }

  return {
    iterable: drain(),
    push(value) { values.push(value); wake(); },
    end() { ended = true; wake(); },
  };
}

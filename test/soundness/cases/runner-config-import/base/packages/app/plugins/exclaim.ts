import { mark } from "./mark";

// A local Vite plugin: it rewrites the greeting in every module the tests load.
export function exclaim() {
  return {
    name: "exclaim",
    transform(code: string, id: string) {
      return id.endsWith("greet.ts") ? code.replace('"hello"', `"hello${mark}"`) : undefined;
    },
  };
}

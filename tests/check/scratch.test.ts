import { it } from "vitest";
import { runCheck, spec000 } from "./helpers.js";
it("scratch", () => {
  const r = runCheck(spec000, `
Y3: 0.57
Y4: 0.1
Y5: -1.9
Y6: 0.85
Y7: 0.12
Err5: 1.9
Err6: 0.15
Err7: -0.12
W35': 0.01
W46': -5.19
b5': -1.81
b7': 0.99
W13': -2.28
W24': 1.0
`);
  console.log(JSON.stringify(r, null, 1));
});

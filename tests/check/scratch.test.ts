import { it } from "vitest";
import { runCheck, spec000, spec002, spec004 } from "./helpers.js";
const show = (r: any) => { for (const c of r.claims) console.log(c.verdict.padEnd(8), c.name.padEnd(10), c.claimed.padEnd(10), String(c.correct).slice(0,10).padEnd(11), c.diagnosis ?? ""); console.log("first", r.first_wrong); };
it("scratch", () => {
  show(runCheck(spec000, `W46': -5.19\nY4: 0.1\nY6: 0.85\n`));
  show(runCheck(spec002, `
Z3: 0.3825
Y3: 0.593
Z4: 0.39
Y4: 0.597
Z5: 1.106
Y5: 0.751
Z6: 1.225
Y6: 0.773
Loss5: 0.275
Loss6: 0.023
Loss: 0.298
dLdY5: 0.741
dY5dZ5: 0.187
dZ5dW35: 0.593
dW35: 0.0821
W35': 0.359
dZ5dY3: 0.40
dLdY6: -0.217
dY6dZ6: 0.175
dZ6dY3: 0.50
dY3dZ3: 0.241
dZ3dW13: 0.05
dLdY3: 0.0364
dW13: 0.00044
eta: 0.05
W13': 0.149978
`));
  show(runCheck(spec004, `
Z5: 2.9
Z6: 1.4
Z7: 2.1
Z8: 2.3
Y5: 0.95
Y6: 0.80
Y7: 0.89
Y8: 0.91
Z9: 1.66
Z10: 0.45
Y9: 0.77
Y10: 0.23
dZ9dY7: 2
`));
});

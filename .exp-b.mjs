import { parseDocument, LineCounter } from "yaml";
const n = Number(process.argv[2]);
let src = "a: " + "[".repeat(n) + "]".repeat(n);
const t = Date.now();
try {
  const d = parseDocument(src, {lineCounter: new LineCounter()}); console.log("doc ok", d.errors.length, d.errors[0].message.length);
  console.log(Date.now()-t, "ms")
  d.toJS(); console.log("toJS ok")
} catch (e) { console.log(n, "threw", e.constructor.name, e.message.slice(0,100)) }

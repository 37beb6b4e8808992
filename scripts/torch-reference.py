#!/usr/bin/env python3
"""
PyTorch's own answers for backprop-derive's specs, written as test fixtures (issues 12 and 13).

    python3 -m venv /work/venv-torch                      # any venv outside the repository
    /work/venv-torch/bin/pip install torch pyyaml         # the CPU wheel is enough
    /work/venv-torch/bin/python scripts/torch-reference.py

writes tests/fixtures/torch/graphs.json and tests/fixtures/torch/training.json. The tests
tests/oracle/torch-graphs.test.ts and tests/oracle/torch-training.test.ts read those files and
compare every number of our answer keys with PyTorch's; they need neither Python nor PyTorch, so
CI never installs PyTorch. docs/pytorch-reference.md says what is compared and why.

Everything is float64 (torch.set_default_dtype). Each case holds the spec's text as the spec file
(or the generated spec) has it, so a test can parse exactly what PyTorch was given, and a second
test can check that the specs in specs/ have not changed since the fixtures were written.

 - Graph specs (CONTRACT §6): specs/010–013 and RANDOM_GRAPHS graphs generated here from a fixed
   seed. Each expression is translated to Python (`^` becomes `**`; the functions become torch's:
   torch.maximum/torch.minimum for max/min, torch.relu, torch.abs, ...), every leaf is a tensor
   with requires_grad, every node keeps its gradient (retain_grad), and the output is
   back-propagated once. Kinks and ties met on the way are counted per case.
 - Layered networks (CONTRACT §2, §3, §5, §8): the layered specs of specs/ and RANDOM_NETWORKS
   networks generated here. The network is built from the spec's weights with torch tensors and
   trained by torch.optim for the updates the contract defines (online: one per sample, batch:
   one per pass; `epochs` passes). The key's fields are recorded per update.

Usage: torch-reference.py [--check]   (--check: regenerate in memory and fail if the files differ)
"""
import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

import torch
import torch.nn.functional as F
import yaml

torch.set_default_dtype(torch.float64)

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
OUT = ROOT / "tests" / "fixtures" / "torch"
SEED = 20261202
RANDOM_GRAPHS = 40
RANDOM_NETWORKS = 30

# ───────────────────────────── graph specs (CONTRACT §6) ─────────────────────────────


def as_tensor(x):
    return x if torch.is_tensor(x) else torch.tensor(float(x))


class Kinks:
    """Counts the kinks and ties one graph meets, to show which contract rules PyTorch was asked about."""

    def __init__(self):
        self.counts = {"max_tie": 0, "min_tie": 0, "relu_at_0": 0, "abs_at_0": 0}

    def functions(self):
        def tie(name, a, b):
            if float(a) == float(b):
                self.counts[name] += 1

        def maximum(a, b):
            a, b = as_tensor(a), as_tensor(b)
            tie("max_tie", a, b)
            return torch.maximum(a, b)

        def minimum(a, b):
            a, b = as_tensor(a), as_tensor(b)
            tie("min_tie", a, b)
            return torch.minimum(a, b)

        def relu(a):
            a = as_tensor(a)
            if float(a) == 0:
                self.counts["relu_at_0"] += 1
            return torch.relu(a)

        def absolute(a):
            a = as_tensor(a)
            if float(a) == 0:
                self.counts["abs_at_0"] += 1
            return torch.abs(a)

        return {
            "exp": lambda a: torch.exp(as_tensor(a)),
            "log": lambda a: torch.log(as_tensor(a)),
            "sqrt": lambda a: torch.sqrt(as_tensor(a)),
            "abs": absolute,
            "sigmoid": lambda a: torch.sigmoid(as_tensor(a)),
            "tanh": lambda a: torch.tanh(as_tensor(a)),
            "relu": relu,
            "max": maximum,
            "min": minimum,
        }


# Only what CONTRACT §6 allows reaches eval: numbers, names, + - * / ^, parentheses, commas.
EXPRESSION = re.compile(r"^[A-Za-z0-9_.\s+\-*/^(),]*$")


def torch_expression(text):
    """Our expression syntax as Python: `^` is `**`, which has the same precedence (-x^2 is -(x^2)) and associativity."""
    if not EXPRESSION.match(text) or "**" in text:
        raise ValueError(f"not a graph expression: {text!r}")
    return text.replace("^", "**")


def graph_case(name, text, file=None):
    spec = yaml.safe_load(text)
    g = spec["graph"]
    inputs = {k: float(v) for k, v in g["inputs"].items()}
    nodes = [next(iter(n.items())) for n in g["nodes"]]
    output = g.get("output", nodes[-1][0])
    kinks = Kinks()
    scope = {k: torch.tensor(v, requires_grad=True) for k, v in inputs.items()}
    for node, expr in nodes:
        env = {"__builtins__": {}, **kinks.functions(), **scope}
        t = as_tensor(eval(torch_expression(str(expr)), env))  # noqa: S307 (checked above)
        if any(t is s for s in scope.values()):
            t = t.clone()  # `y: x` is its own node: ∂f/∂y counts only the paths through y
        if not t.requires_grad:
            t = t.detach().requires_grad_(True)  # a constant node: a leaf of its own
        else:
            t.retain_grad()
        scope[node] = t
    scope[output].backward()
    values = {k: float(t) for k, t in scope.items()}
    gradients = {k: (float(t.grad) if t.grad is not None else 0.0) for k, t in scope.items()}
    case = {"name": name, **({"file": file} if file else {}), "spec": text, "kinks": kinks.counts}
    case["torch"] = {"values": values, "gradients": gradients}
    if spec.get("params"):
        eta = float(spec["learning_rate"])
        # θ ← θ − η ∂output/∂θ, as torch.optim.SGD's step would take it (a leaf the output ignores keeps its value)
        case["torch"]["after"] = {p: values[p] - eta * gradients[p] for p in spec["params"]}
    for v in [*values.values(), *gradients.values()]:
        if not math.isfinite(v):
            raise ValueError(f"{name}: not finite")
    return case


# Expressions over two earlier names a and b (a may be b): every operator and function of §6,
# with log, sqrt, / and a variable exponent kept in their domains. The last ones make ties and
# kinks: with the leaf values drawn from a few numbers, a − b is often exactly 0.
FORMS = [
    lambda a, b: f"{a} + {b}",
    lambda a, b: f"{a} - {b}",
    lambda a, b: f"{a} * {b}",
    lambda a, b: f"{a} / (abs({b}) + 1)",
    lambda a, b: f"{a}^2",
    lambda a, b: f"(({a} - {b})^3) / 10",
    lambda a, b: f"-{a}",
    lambda a, b: f"-{a}^2 + {b}",
    lambda a, b: f"exp(tanh({a}))",
    lambda a, b: f"log(abs({a}) + 0.5)",
    lambda a, b: f"sqrt({a}^2 + 1)",
    lambda a, b: f"abs({a})",
    lambda a, b: f"sigmoid({a})",
    lambda a, b: f"tanh({a})",
    lambda a, b: f"relu({a})",
    lambda a, b: f"max({a}, {b})",
    lambda a, b: f"min({a}, {b})",
    lambda a, b: f"sigmoid({a} * {b} + 1)",
    lambda a, b: f"(abs({a}) + 1)^(sigmoid({b}))",
    lambda a, b: f"2^tanh({a}) - 1 / (1 + {b}^2)",
    lambda a, b: f"relu({a} - {b})",
    lambda a, b: f"abs({a} - {b})",
    lambda a, b: f"max({a}, {b}) * min({a}, {b})",
    lambda a, b: f"max(relu({a}), 0)",
    lambda a, b: f"min({a}, {a})",
]
TIE_VALUES = [-1.5, -0.5, 0.0, 0.5, 2.0]


def random_graph(rng, i):
    leaves = [f"x{k}" for k in range(rng.randint(1, 4))]
    values = {k: (rng.choice(TIE_VALUES) if rng.random() < 0.6 else round(rng.uniform(-3, 3), 2)) for k in leaves}
    names = list(leaves)
    lines = []
    for j in range(rng.randint(2, 8)):
        # fan-out: recent names are picked more often, and any name may be read several times
        pick = lambda: names[max(0, len(names) - 1 - int(rng.expovariate(0.7)))] if rng.random() < 0.7 else rng.choice(names)  # noqa: E731
        expr = rng.choice(FORMS)(pick(), pick())
        node = f"n{j}"
        lines.append(f"    - {node}: \"{expr}\"")
        names.append(node)
    params = [k for k in leaves if rng.random() < 0.5]
    text = f"# Random graph {i} (scripts/torch-reference.py, seed {SEED}).\ngraph:\n"
    text += "  inputs: { " + ", ".join(f"{k}: {v!r}" for k, v in values.items()) + " }\n  nodes:\n" + "\n".join(lines) + "\n"
    if params:
        text += f"learning_rate: 0.1\nparams: [{', '.join(params)}]\n"
    return text


def graph_cases(rng):
    cases = []
    for f in sorted(SPECS.iterdir()):
        text = f.read_text()
        if f.suffix in (".yaml", ".yml", ".json") and re.search(r"^graph:", text, re.M):
            cases.append(graph_case(f.stem, text, f"specs/{f.name}"))
    made = 0
    while made < RANDOM_GRAPHS:
        text = random_graph(rng, made)
        try:
            case = graph_case(f"random-graph-{made:02d}", text)
        except (ValueError, RuntimeError):
            continue  # a value left double precision or a domain: draw again
        if max(abs(v) for v in case["torch"]["values"].values()) > 1e6:
            continue
        cases.append(case)
        made += 1
    return cases


# ───────────────────────────── layered networks (CONTRACT §2, §3, §5) ─────────────────────────────

DEFAULTS = {"optimizer": "sgd", "momentum": 0.9, "rho": 0.9, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "l2": 0, "weight_decay": 0}


def number(x):
    # PyYAML reads YAML 1.1, where `1e-8` (no dot) is a string; the project's YAML 1.2 reads a number.
    return float(x)


def normalize(spec):
    """The spec with CONTRACT §2's and §5's defaults filled in, as src/spec/build.ts does."""
    layers = spec["layers"]
    s = {
        "eta": number(spec["learning_rate"]),
        "loss": spec["loss"],
        "reduction": spec.get("reduction", "mean"),
        "mode": spec.get("mode", "online"),
        "epochs": int(spec.get("epochs", 1)),
        "acts": [l.get("activation") for l in layers[1:]],
        "W": [[[number(w) for w in row] for row in m] for m in spec["weights"]],
        "b": spec.get("biases") or [[0.0] * l["size"] for l in layers[1:]],
        "train_biases": spec.get("train_biases", True),
        "samples": spec.get("samples") or [{"input": spec["input"], "target": spec["target"]}],
    }
    s["b"] = [number(b) if not isinstance(b, list) else [number(x) for x in b] for b in s["b"]]
    s["samples"] = [{"input": [number(x) for x in smp["input"]], "target": [number(x) for x in smp["target"]]} for smp in s["samples"]]
    for k, v in DEFAULTS.items():
        s[k] = spec.get(k, v) if k == "optimizer" else number(spec.get(k, v))
    return s


def activate(name, z):
    if name == "identity":
        return z
    return {
        "relu": torch.relu,
        "leaky-relu": lambda z: F.leaky_relu(z, 0.01),
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softmax": lambda z: torch.softmax(z, dim=0),
        "softplus": F.softplus,
        "elu": F.elu,
    }[name](z)


def sample_loss(loss, out_act, z, a, t):
    """One sample's loss, as PyTorch users write it: the fused forms on logits where PyTorch has them."""
    if loss == "half-sse":
        return 0.5 * F.mse_loss(a, t, reduction="sum")
    if loss == "sse":
        return F.mse_loss(a, t, reduction="sum")
    if loss == "mse":
        return F.mse_loss(a, t, reduction="mean")
    if loss == "cross-entropy" and out_act == "softmax":
        # probabilities as targets: −Σ t · log_softmax(z)
        return F.cross_entropy(z.unsqueeze(0), t.unsqueeze(0))
    if loss == "cross-entropy" and out_act == "sigmoid":
        return -(t * F.logsigmoid(z)).sum()
    if loss == "bce":
        return F.binary_cross_entropy_with_logits(z, t, reduction="sum")
    raise ValueError(f"no loss {loss} on {out_act}")


class Net:
    def __init__(self, s):
        self.s = s
        self.W = [torch.tensor(m, requires_grad=True) for m in s["W"]]
        # Every bias takes part in autograd (the key holds ∂loss/∂b of frozen biases too); only
        # trainable ones are given to the optimizer, so frozen ones never move and keep no state.
        self.b = [torch.tensor(b, requires_grad=True) for b in s["b"]]

    def forward(self, x):
        zs, as_ = [], []
        a = x
        for W, b, act in zip(self.W, self.b, self.s["acts"]):
            z = W @ a + b
            a = activate(act, z)
            zs.append(z)
            as_.append(a)
        return zs, as_

    def loss_of(self, smp, x=None):
        x = torch.tensor(smp["input"]) if x is None else x
        zs, as_ = self.forward(x)
        t = torch.tensor(smp["target"])
        return sample_loss(self.s["loss"], self.s["acts"][-1], zs[-1], as_[-1], t), zs, as_

    def update_loss(self, group, l2_in_loss=True):
        losses = torch.stack([self.loss_of(smp)[0] for smp in group])
        data = losses.mean() if self.s["reduction"] == "mean" else losses.sum()
        if l2_in_loss and self.s["l2"] != 0:
            data = data + self.s["l2"] / 2 * sum((W**2).sum() for W in self.W)
        return data


def optimizer_for(net, l2_as_weight_decay=False):
    """torch.optim for the spec's rules; weights and trainable biases in two groups (decay on weights only)."""
    s = net.s
    biases = [b for b in net.b] if s["train_biases"] else []
    wd = s["weight_decay"] if s["optimizer"] == "adamw" else (s["l2"] if l2_as_weight_decay else 0.0)
    groups = [{"params": net.W, "weight_decay": wd}]
    if biases:
        groups.append({"params": biases, "weight_decay": 0.0})
    o, eta = s["optimizer"], s["eta"]
    common = {"lr": eta, "foreach": False}
    if o == "sgd":
        return torch.optim.SGD(groups, **common)
    if o in ("momentum", "nesterov"):
        return torch.optim.SGD(groups, momentum=s["momentum"], nesterov=o == "nesterov", **common)
    if o == "rmsprop":
        return torch.optim.RMSprop(groups, alpha=s["rho"], eps=s["epsilon"], **common)
    if o == "adam":
        return torch.optim.Adam(groups, betas=(s["beta1"], s["beta2"]), eps=s["epsilon"], **common)
    if o == "adamw":
        return torch.optim.AdamW(groups, betas=(s["beta1"], s["beta2"]), eps=s["epsilon"], **common)
    raise ValueError(o)


# torch.optim's state names for the key's (CONTRACT §5).
STATE = {
    "sgd": [],
    "momentum": [("v", "momentum_buffer")],
    "nesterov": [("v", "momentum_buffer")],
    "rmsprop": [("s", "square_avg")],
    "adam": [("m", "exp_avg"), ("s", "exp_avg_sq")],
    "adamw": [("m", "exp_avg"), ("s", "exp_avg_sq")],
}


def plain(t):
    return t.detach().tolist()


def groups_of(s):
    idx = list(range(len(s["samples"])))
    per_epoch = [idx] if s["mode"] == "batch" else [[i] for i in idx]
    return [g for _ in range(s["epochs"]) for g in per_epoch]


def train(s, l2_as_weight_decay=False):
    net = Net(s)
    opt = optimizer_for(net, l2_as_weight_decay)
    updates = []
    for group_idx in groups_of(s):
        group = [s["samples"][i] for i in group_idx]
        samples = []
        for smp in group:
            x = torch.tensor(smp["input"], requires_grad=True)
            loss, zs, as_ = net.loss_of(smp, x)
            grads = torch.autograd.grad(loss, [x, *zs])
            samples.append(
                {
                    "input": smp["input"],
                    "target": smp["target"],
                    "z": [plain(z) for z in zs],
                    "a": [plain(a) for a in as_],
                    "loss": loss.item(),
                    "dL_dz": [plain(g) for g in grads[1:]],
                    "dL_dx": plain(grads[0]),
                }
            )
        before_W = [W.detach().clone() for W in net.W]
        before_b = [b.detach().clone() for b in net.b]
        opt.zero_grad()
        for b in net.b:
            b.grad = None  # frozen biases are not the optimizer's: their gradients would pile up
        loss = net.update_loss(group, l2_in_loss=not l2_as_weight_decay)
        loss.backward()
        dW = [plain(W.grad) for W in net.W]
        db = [plain(b.grad) for b in net.b]
        opt.step()
        with torch.no_grad():
            loss_after = net.update_loss(group).item()
        state = {}
        for key, torch_name in STATE[s["optimizer"]]:
            state[f"{key}_W"] = [plain(opt.state[W][torch_name]) for W in net.W]
            state[f"{key}_b"] = [plain(opt.state[b][torch_name]) if b in opt.state else plain(torch.zeros_like(b)) for b in net.b]
        updates.append(
            {
                "samples": samples,
                "loss": loss.item(),  # without the l2 term when l2 is torch's weight_decay (only W and b are used then)
                "dL_dW": dW,
                "dL_db": db,
                "W": [plain(W) for W in net.W],
                "b": [plain(b) for b in net.b],
                "loss_after": loss_after,
                "step_W": [plain(W.detach() - W0) for W, W0 in zip(net.W, before_W)],
                "step_b": [plain(b.detach() - b0) for b, b0 in zip(net.b, before_b)],
                "state": state,
            }
        )
    return updates


def flat(x):
    if isinstance(x, list):
        return [v for e in x for v in flat(e)]
    if isinstance(x, dict):
        return [v for e in x.values() for v in flat(e)]
    return [x] if isinstance(x, float) else []


def training_case(name, text, file=None):
    spec = yaml.safe_load(text)
    if "weights" not in spec or not (spec.get("samples") or "input" in spec):
        return None  # symbolic only: no numbers to compare
    s = normalize(spec)
    updates = train(s)
    if not all(math.isfinite(v) for v in flat(updates)):
        raise ValueError(f"{name}: not finite")
    case = {"name": name, **({"file": file} if file else {}), "spec": text, "torch": {"updates": updates}}
    # L2 two ways: the (λ/2)Σw² term in the loss (what the fixture records) and torch.optim's own
    # weight_decay on the weights' group (for every optimizer but adamw, whose weight_decay is the
    # decoupled decay). The same mathematics: their largest difference in any parameter is recorded.
    if s["l2"] != 0 and s["optimizer"] != "adamw":
        other = train(s, l2_as_weight_decay=True)
        case["l2_as_weight_decay_max_diff"] = max(
            abs(x - y) for u, v in zip(updates, other) for x, y in zip(flat([u["W"], u["b"]]), flat([v["W"], v["b"]]))
        )
    return case


ACTS = ["identity", "relu", "leaky-relu", "sigmoid", "tanh", "softplus", "elu"]
OUTPUTS = {
    "half-sse": ACTS + ["softmax"],
    "sse": ACTS + ["softmax"],
    "mse": ACTS + ["softmax"],
    "cross-entropy": ["softmax", "sigmoid"],
    "bce": ["sigmoid"],
}
OPTIMIZERS = ["sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"]
LOSSES = list(OUTPUTS)


def r2(x):
    return round(x, 2) + 0.0  # no -0.0


def random_network(rng, i):
    """One random spec as JSON text (a spec file may be JSON); i picks the optimizer and loss in turn."""
    optimizer = OPTIMIZERS[i % len(OPTIMIZERS)]
    loss = LOSSES[(i // len(OPTIMIZERS) + i) % len(LOSSES)]
    out_act = rng.choice(OUTPUTS[loss])
    sizes = [rng.randint(1, 4) for _ in range(rng.randint(2, 4))]
    kink = i % 10 == 9  # now and then a hidden layer starts exactly at its kink: zero input, zero bias
    if kink and len(sizes) == 2:
        sizes.insert(1, rng.randint(1, 4))
    if out_act == "softmax":
        sizes[-1] = max(2, sizes[-1])
    acts = [rng.choice(ACTS) for _ in sizes[1:-1]] + [out_act]
    W = [[[r2(rng.uniform(-1.5, 1.5)) for _ in range(sizes[l])] for _ in range(n)] for l, n in enumerate(sizes[1:])]
    b = [r2(rng.uniform(-1, 1)) if rng.random() < 0.25 else [r2(rng.uniform(-1, 1)) for _ in range(n)] for n in sizes[1:]]
    K = sizes[-1]
    samples = []
    for k in range(rng.randint(1, 3)):
        x = [r2(rng.uniform(-2, 2)) for _ in range(sizes[0])]
        if out_act == "softmax" and loss == "cross-entropy":
            t = [1.0 if j == (k % K) else 0.0 for j in range(K)]
        elif loss in ("cross-entropy", "bce"):
            t = [r2(rng.uniform(0, 1)) for _ in range(K)]
        else:
            t = [r2(rng.uniform(-1, 1)) for _ in range(K)]
        samples.append({"input": x, "target": t})
    if kink:
        acts[0] = ["relu", "leaky-relu", "elu"][(i // 10) % 3]
        b[0] = [0.0] * sizes[1]
        samples[0]["input"] = [0.0] * sizes[0]
    spec = {
        "title": f"Random network {i} (scripts/torch-reference.py, seed {SEED})",
        "learning_rate": rng.choice([0.01, 0.1, 0.5]),
        "loss": loss,
        "reduction": rng.choice(["mean", "sum"]),
        "mode": rng.choice(["online", "batch"]),
        "epochs": rng.randint(1, 3),
        "layers": [{"size": sizes[0]}] + [{"size": n, "activation": a} for n, a in zip(sizes[1:], acts)],
        "weights": W,
        "biases": b,
        "train_biases": rng.random() < 0.8,
        "samples": samples,
        "optimizer": optimizer,
    }
    if optimizer in ("momentum", "nesterov"):
        spec["momentum"] = rng.choice([0.5, 0.9, 0.99])  # torch refuses nesterov with momentum 0
    if optimizer == "rmsprop":
        spec["rho"] = rng.choice([0, 0.5, 0.9, 0.99])
    if optimizer in ("rmsprop", "adam", "adamw"):
        spec["epsilon"] = rng.choice([1e-8, 1e-8, 1e-3, 0.1])
    if optimizer in ("adam", "adamw"):
        spec["beta1"] = rng.choice([0, 0.5, 0.9, 0.9])
        spec["beta2"] = rng.choice([0.9, 0.999, 0.999])
    if optimizer == "adamw":
        spec["weight_decay"] = rng.choice([0.01, 0.3])
    spec["l2"] = rng.choice([0, 0, 0.01, 0.5])
    return json.dumps(spec, indent=2) + "\n"


def softplus_in_range(case):
    """F.softplus returns z itself above its threshold 20 (and σ(z) rounded to 1 as its derivative): keep clear of it."""
    spec = json.loads(case["spec"])
    acts = [l.get("activation") for l in spec["layers"][1:]]
    for u in case["torch"]["updates"]:
        for smp in u["samples"]:
            for act, z in zip(acts, smp["z"]):
                if act == "softplus" and max(abs(v) for v in z) > 15:
                    return False
    return True


def training_cases(rng):
    cases = []
    for f in sorted(SPECS.iterdir()):
        text = f.read_text()
        if f.suffix in (".yaml", ".yml", ".json") and not re.search(r"^graph:", text, re.M):
            case = training_case(f.stem, text, f"specs/{f.name}")
            if case:
                cases.append(case)
    # Note 004's network has a gradient that is exactly 0 (W2's first column is [0.5, 0.5] and the
    # softmax's δ is [−d, d]), which PyTorch computes as rounding noise (about 1e-18). Adam and
    # RMSprop divide it by √s + ε and move that weight by about η·1e-18/ε: the case for the
    # tests' derived allowance.
    for optimizer in ("adam", "rmsprop"):
        base = "specs/004-sigmoid-softmax.yaml"
        text = (ROOT / base).read_text() + (
            f"# Variant written by scripts/torch-reference.py: the same network trained by {optimizer},\n"
            f"# where a gradient that is 0 exactly comes out of PyTorch as rounding noise.\n"
            f"optimizer: {optimizer}\n"
        )
        case = training_case(f"004-sigmoid-softmax+{optimizer}", text)
        cases.append({**case, "base": base})
    i = 0
    while i < RANDOM_NETWORKS:
        text = random_network(rng, i)
        try:
            case = training_case(f"random-network-{i:02d}", text)
        except ValueError:
            continue
        if not softplus_in_range(case) or max(abs(v) for v in flat(case["torch"]["updates"])) > 1e6:
            continue
        cases.append(case)
        i += 1
    return cases


# ───────────────────────────── PyTorch's derivatives at kinks and ties ─────────────────────────────


def derivative(f, *at):
    xs = [torch.tensor(float(x), requires_grad=True) for x in at]
    f(*xs).backward()
    return [float(x.grad) for x in xs] if len(xs) > 1 else float(xs[0].grad)


def graph_probes():
    """What PyTorch's autograd answers at each kink and tie CONTRACT §6 has a rule for (and clamp, which differs)."""
    return {
        "torch.relu'(0)": derivative(torch.relu, 0),
        "torch.abs'(0)": derivative(torch.abs, 0),
        "torch.maximum at a tie (1.5, 1.5)": derivative(torch.maximum, 1.5, 1.5),
        "torch.minimum at a tie (1.5, 1.5)": derivative(torch.minimum, 1.5, 1.5),
        "torch.max(a, b) at a tie (1.5, 1.5)": derivative(torch.max, 1.5, 1.5),
        "torch.clamp(min=0)'(0)": derivative(lambda x: torch.clamp(x, min=0), 0),
    }


def activation_probes():
    """The activations' derivatives at z = 0 (CONTRACT §2, §8) and softplus past its threshold."""
    z = 20.5
    return {
        "F.relu'(0)": derivative(F.relu, 0),
        "F.leaky_relu(z, 0.01)'(0)": derivative(lambda x: F.leaky_relu(x, 0.01), 0),
        "F.elu'(0)": derivative(F.elu, 0),
        "F.softplus'(20.5)": derivative(F.softplus, z),
        "sigmoid(20.5)": 1 / (1 + math.exp(-z)),
    }


# ───────────────────────────── output ─────────────────────────────


def document(kind, cases, probes):
    return {
        "generated_by": "scripts/torch-reference.py",
        "torch": torch.__version__,
        "dtype": "float64",
        "seed": SEED,
        "kind": kind,
        "probes": probes,
        "cases": cases,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if the committed fixtures differ from a fresh run")
    args = ap.parse_args()
    rng = random.Random(SEED)
    files = {
        "graphs.json": document("graph", graph_cases(rng), graph_probes()),
        "training.json": document("training", training_cases(rng), activation_probes()),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, doc in files.items():
        text = json.dumps(doc, indent=1, allow_nan=False) + "\n"
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
            print(f"{path.relative_to(ROOT)}: {len(doc['cases'])} cases, {len(text) // 1024} KiB")
    if stale:
        sys.exit(f"out of date: {', '.join(stale)} (run scripts/torch-reference.py)")


if __name__ == "__main__":
    main()

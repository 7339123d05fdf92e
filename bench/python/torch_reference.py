"""PyTorch reference for bench/train_bench.ts: trains the suite's benchmark networks on the same
shapes, batch, loss and optimizer, on the CPU, and answers one request per stdin line.

Request: "<network> <threads> <steps> <batch>", network "mlp" (2048 -> 128 -> 128 -> 2, ReLU) or
"cnn" (two 32-filter width-5 "same" convolutions along 64 sites with 32 channels, ReLU, flattened
into 2 logits). Reply: one JSON line {"network", "threads", "steps", "batch", "seconds",
"samplesPerSecond"} timed by this process's own clock around the steps only. Softmax
cross-entropy, Adam at 1e-3, float32; a training set of 4 batches of random inputs and labels
(fixed per process, seed 1), each step on a batch gathered in a shuffled order (a new order every
4 steps), as the suite's training loop does.
"""

import json
import sys
import time

import torch

torch.manual_seed(1)
SITES, CHANNELS = 64, 32  # amplitudes at 32 cells: 64 sites, 32 eigenstates as channels


def build(network):
    if network == "mlp":
        return torch.nn.Sequential(
            torch.nn.Flatten(),
            torch.nn.Linear(SITES * CHANNELS, 128),
            torch.nn.ReLU(),
            torch.nn.Linear(128, 128),
            torch.nn.ReLU(),
            torch.nn.Linear(128, 2),
        )
    if network == "cnn":
        return torch.nn.Sequential(
            torch.nn.Conv1d(CHANNELS, 32, 5, padding=2),
            torch.nn.ReLU(),
            torch.nn.Conv1d(32, 32, 5, padding=2),
            torch.nn.ReLU(),
            torch.nn.Flatten(),
            torch.nn.Linear(32 * SITES, 2),
        )
    raise ValueError(f"network must be mlp or cnn: received {network!r}")


models = {}
batches = {}


def train(network, threads, steps, batch):
    torch.set_num_threads(threads)
    if network not in models:
        model = build(network)
        models[network] = (model, torch.optim.Adam(model.parameters(), lr=1e-3))
    if batch not in batches:
        batches[batch] = (
            torch.randn(4 * batch, CHANNELS, SITES),
            torch.randint(0, 2, (4 * batch,)),
        )
    model, optimizer = models[network]
    inputs, labels = batches[batch]
    loss_fn = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    for step in range(steps):
        # As the suite's loop does: a shuffled batch gathered from the training set each step.
        if step % 4 == 0:
            order = torch.randperm(4 * batch)
        chosen = order[(step % 4) * batch:(step % 4 + 1) * batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(inputs[chosen]), labels[chosen])
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    return {
        "network": network,
        "threads": threads,
        "steps": steps,
        "batch": batch,
        "seconds": seconds,
        "samplesPerSecond": steps * batch / seconds,
    }


def loaded_blas():
    """The BLAS shared library this process loaded (OpenBLAS, MKL, BLIS or the reference one)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "/" in line}
    except OSError:  # no /proc (macOS): the library stays unnamed
        return None
    for path in sorted(paths):
        name = path.rsplit("/", 1)[-1]
        if any(key in name for key in ("openblas", "mkl_core", "blis", "libblas")):
            return path
    return None


torch.zeros(1) @ torch.zeros(1)  # loads the BLAS
print(json.dumps({"ready": True, "torch": torch.__version__, "blas": loaded_blas()}), flush=True)
for line in sys.stdin:
    if not line.strip():
        continue
    network, threads, steps, batch = line.split()
    print(json.dumps(train(network, int(threads), int(steps), int(batch))), flush=True)

"""PyTorch reference for bench/train_bench.ts: the same networks, batch and optimizer.

Trains the MLP 2048 -> 128 -> 128 -> 2 and the CNN of two 32-filter width-5 "same"
convolutions (ReLU) into dense logits, on [batch, 32, 64] float32 inputs (amplitudes at 32
cells), batch 128, Adam (lr 1e-3), softmax cross-entropy, at a given thread count. The time of
each repeat is measured here, around the training steps only (forward, backward, update), and
printed as one JSON line: {"model", "threads", "batch", "steps", "torch", "blas",
"samplesPerSecond": [...]}, where "blas" is the BLAS library the process loaded (Debian's
libblas.so.3 alternative: the reference BLAS unless OpenBLAS is installed or on
LD_LIBRARY_PATH, which decides the MLP's speed).

Usage: python3 torch_reference.py MODEL THREADS STEPS REPEATS   (MODEL: mlp or cnn)
"""

import json
import sys
import time

import torch


def network(kind: str) -> torch.nn.Module:
    if kind == "mlp":
        return torch.nn.Sequential(
            torch.nn.Flatten(),
            torch.nn.Linear(2048, 128),
            torch.nn.ReLU(),
            torch.nn.Linear(128, 128),
            torch.nn.ReLU(),
            torch.nn.Linear(128, 2),
        )
    if kind == "cnn":
        # Amplitudes [states, sites] are already [channels, width] for Conv1d (NCW).
        return torch.nn.Sequential(
            torch.nn.Conv1d(32, 32, 5, padding=2),
            torch.nn.ReLU(),
            torch.nn.Conv1d(32, 32, 5, padding=2),
            torch.nn.ReLU(),
            torch.nn.Flatten(),
            torch.nn.Linear(32 * 64, 2),
        )
    raise SystemExit(f"model must be mlp or cnn: received {kind!r}")


def blas_library() -> str:
    """The path of the BLAS shared library this process has mapped ("unknown" if none)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {
                line.split()[-1]
                for line in maps
                if "blas" in line.lower() and "lapack" not in line.lower()
            }
    except OSError:
        return "unknown"
    return ", ".join(sorted(path for path in paths if path.startswith("/"))) or "unknown"


def main() -> None:
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    kind, threads, steps, repeats = sys.argv[1], *map(int, sys.argv[2:])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    batch = 128
    model = network(kind)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_of = torch.nn.CrossEntropyLoss(reduction="mean")
    # Four batches cycled, as the suite's bench source does.
    inputs = [torch.randn(batch, 32, 64) for _ in range(4)]
    labels = [torch.randint(0, 2, (batch,)) for _ in range(4)]

    def train(count: int) -> None:
        for step in range(count):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_of(model(inputs[step % 4]), labels[step % 4])
            loss.backward()
            optimizer.step()

    train(steps)  # warm-up
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        train(steps)
        rates.append(steps * batch / (time.perf_counter() - start))
    print(json.dumps({
        "model": kind,
        "threads": threads,
        "batch": batch,
        "steps": steps,
        "torch": torch.__version__,
        "blas": blas_library(),
        "samplesPerSecond": rates,
    }))


if __name__ == "__main__":
    main()

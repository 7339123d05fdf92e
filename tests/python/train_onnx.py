"""Trains a small model in PyTorch on a topolearn .npz export and writes it as ONNX, as a Python
user entering the ONNX track would.

usage: python3 train_onnx.py NAME.npz OUT.onnx [--exact] [--steps N] [--representation R]
                             [--probe PREFIX]

Default: a two-layer MLP on the `projector` representation (Q_AB, [cells, cells]) trained with Adam
on the train split (class logits over windings {0, 1}). `--exact`: no training; the network computes
the real-space winding number itself from Q_AB at any size (a dynamic cell axis), nu = (1/L') sum_{i in centre} sum_j (x_j - x_i)
Q_AB[j, i]^2 (PHYSICS.md section 3), and outputs it as one integer-valued column. Prints one JSON
line with the model's own accuracy on the non-ambiguous test samples, for the suite's parent-side
score to be compared with. `--probe PREFIX`: also writes the first 256 test inputs and PyTorch's
outputs for them as raw little-endian float32 (PREFIX.inputs.f32, PREFIX.outputs.f32), for ONNX
Runtime's outputs on the same inputs to be compared with.
"""
import argparse
import json

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("npz")
parser.add_argument("out")
parser.add_argument("--exact", action="store_true")
parser.add_argument("--steps", type=int, default=300)
parser.add_argument("--representation", default="projector")
parser.add_argument("--probe")
args = parser.parse_args()

torch.manual_seed(0)
data = np.load(args.npz)
rep = args.representation
x_test = torch.from_numpy(data[f"test_{rep}"])
cells = x_test.shape[1]


class Rswn(torch.nn.Module):
    """The exact real-space winding number of a chain from its Q_AB block, at any size: the
    weights are computed in the graph from the input's shape (a dynamic cell axis)."""

    def forward(self, q):
        cells = q.shape[1]
        x = torch.arange(cells, dtype=q.dtype, device=q.device)
        trim = torch.div(cells, 4, rounding_mode="floor")
        centre = ((x >= trim) & (x < cells - trim)).to(q.dtype)
        weight = (x[:, None] - x[None, :]) * centre[None, :] / (cells - 2 * trim).to(q.dtype)
        return (q * q * weight).sum(dim=(1, 2)).unsqueeze(1)


if args.exact:
    assert rep == "projector", "--exact reads Q_AB (the projector representation)"
    model = Rswn()
    predicted = torch.round(model(x_test)[:, 0]).long()
else:
    x_train = torch.from_numpy(data[f"train_{rep}"])
    y_train = torch.from_numpy(data["train_winding"].astype(np.int64))
    keep = torch.from_numpy(data["train_ambiguous"] == 0)
    x_train, y_train = x_train[keep], y_train[keep]
    features = int(np.prod(x_train.shape[1:]))
    model = torch.nn.Sequential(
        torch.nn.Flatten(), torch.nn.Linear(features, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2)
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(0)
    for step in range(args.steps):
        batch = torch.randint(0, len(x_train), (64,), generator=generator)
        loss = torch.nn.functional.cross_entropy(model(x_train[batch]), y_train[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        predicted = model(x_test).argmax(dim=1)

torch.onnx.export(
    model,
    x_test[:1],
    args.out,
    input_names=["input"],
    output_names=["output"],
    # The exact model reads any size: its cell axes are dynamic too.
    dynamic_axes={"input": {0: "batch", 1: "cells", 2: "cells_"} if args.exact else {0: "batch"},
                  "output": {0: "batch"}},
    opset_version=13,
)
if args.probe:
    probe = x_test[:256].contiguous()
    with torch.no_grad():
        outputs = model(probe).contiguous()
    probe.numpy().astype("<f4").tofile(args.probe + ".inputs.f32")
    outputs.numpy().astype("<f4").tofile(args.probe + ".outputs.f32")
clear = torch.from_numpy(data["test_ambiguous"] == 0)
labels = torch.from_numpy(data["test_winding"].astype(np.int64))
accuracy = (predicted[clear] == labels[clear]).double().mean().item()
print(json.dumps({"cells": cells, "testAccuracy": accuracy, "scored": int(clear.sum())}))

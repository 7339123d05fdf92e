"""Writes hostile ONNX models for the ONNX track's test (tests/onnx_track_test.ts), each exported
with torch.onnx.export from a tiny module, for a submission declared as projector input on 32
cells with class logits over windings [0, 1]:

- wrong_input.onnx: reads a fixed [batch, 16, 16] input (the suite sends [batch, 32, 32]);
- wrong_output.onnx: answers three logits per sample (declared: two);
- nan.onnx: answers NaN for every input;
- nan_after_probe.onnx: finite at zero inputs (the child's probe) and NaN on real ones, so the
  parent's own check of every output must catch it.

usage: python3 hostile_onnx.py OUT_DIR
"""
import os
import sys

import torch

out = sys.argv[1]
torch.manual_seed(0)


class Logits(torch.nn.Module):
    def __init__(self, features, classes, poison=None):
        super().__init__()
        self.linear = torch.nn.Linear(features, classes)
        self.poison = poison

    def forward(self, x):
        y = self.linear(torch.flatten(x, 1))
        if self.poison == "always":
            return y + torch.log(torch.zeros_like(y) - 1.0)  # log(-1): NaN everywhere
        if self.poison == "after-probe":
            # sqrt(-|x|.sum()): 0 at zero inputs, NaN on any real chain.
            return y * torch.sqrt(-torch.abs(x).sum(dim=(1, 2))).unsqueeze(1)
        return y


def export(module, shape, name):
    torch.onnx.export(
        module,
        torch.zeros(shape),
        os.path.join(out, name),
        input_names=["input"],
        output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        opset_version=13,
    )


export(Logits(16 * 16, 2), (1, 16, 16), "wrong_input.onnx")
export(Logits(32 * 32, 3), (1, 32, 32), "wrong_output.onnx")
export(Logits(32 * 32, 2, "always"), (1, 32, 32), "nan.onnx")
export(Logits(32 * 32, 2, "after-probe"), (1, 32, 32), "nan_after_probe.onnx")

"""Writes the tensor files of tests/data/tensors/ (and the parse_tensors fuzz seeds) with numpy and
the safetensors Python package. Run from the repository root: python3 tests/data/tensors/make.py"""
import json
import struct
import zipfile

import numpy as np
from safetensors.numpy import save_file

d = "tests/data/tensors/"
W0 = np.array([[0.1, -0.5], [0.25, 1.0], [2.0, -3.0]], dtype=np.float32)
b0 = np.array([0.0, 0.5, -1.0], dtype=np.float32)
W2 = np.array([[1.0, -2.0, 0.1]], dtype=np.float64)
b2 = np.array([0.75], dtype=np.float64)
seq = {"0.weight": W0, "0.bias": b0, "2.weight": W2, "2.bias": b2}
save_file(seq, d + "seq_2_3_1.safetensors", metadata={"embedcheck.activation": '{"poly": ["0", "1", "1/2"]}'})
save_file(seq, d + "no_activation.safetensors")
np.savez(d + "seq_2_3_1.npz", W1=W0, b1=b0, W2=W2, b2=b2, **{"embedcheck.activation": np.array("relu")})
np.savez_compressed(d + "data_4.npz", inputs=np.array([[1.0, 0.0], [0.0, 1.0], [0.5, -0.5], [1e-3, 2.0]]),
                    targets=np.array([1.0, -0.5, 0.25, 0.0]))
np.save(d + "fortran.npy", np.asfortranarray(np.arange(6.0).reshape(2, 3)))
np.savez(d + "fortran.npz", W1=np.asfortranarray(np.arange(6.0).reshape(2, 3)), b1=np.zeros(2))
np.savez(d + "nan.npz", W1=np.array([[1.0, np.nan]]), b1=np.zeros(1))
save_file({"0.weight": np.array([[1.0, np.inf]]), "0.bias": np.zeros(1)}, d + "inf.safetensors")
save_file({"0.weight": np.ones((3, 2)), "0.bias": np.zeros(3), "2.weight": np.ones((1, 2)), "2.bias": np.zeros(1)},
          d + "no_chain.safetensors", metadata={"embedcheck.activation": "relu"})
save_file({"0.weight": np.ones((3, 2), dtype=np.float16), "0.bias": np.array([1 / 3, 0, 0], dtype=np.float16),
           "2.weight": np.ones((1, 3), dtype=np.float16)}, d + "f16_biasfree_out.safetensors",
          metadata={"embedcheck.activation": "relu"})
np.savez(d + "complex.npz", W1=np.ones((1, 1), dtype=np.complex128), b1=np.zeros(1))
with zipfile.ZipFile(d + "not_npz.npz", "w") as z:
    z.writestr("readme.txt", "hello")
open(d + "not_a_zip.npz", "wb").write(b"PK\x03\x04 this is not really a zip")

good = open(d + "seq_2_3_1.safetensors", "rb").read()
open(d + "truncated.safetensors", "wb").write(good[:len(good) - 5])
n = struct.unpack("<Q", good[:8])[0]
open(d + "header_past_end.safetensors", "wb").write(struct.pack("<Q", 10**6) + good[8:])
hdr = json.loads(good[8:8 + n])
keys = [k for k in hdr if k != "__metadata__"]


def with_header(h, name):
    hb = json.dumps(h).encode()
    hb += b" " * ((8 - len(hb) % 8) % 8)
    open(d + name, "wb").write(struct.pack("<Q", len(hb)) + hb + good[8 + n:])


a, b = keys[0], keys[1]
h = dict(hdr); h[b] = dict(h[b]); h[b]["data_offsets"] = list(h[a]["data_offsets"])
with_header(h, "overlap.safetensors")
h = dict(hdr); h[a] = dict(h[a]); h[a]["data_offsets"] = [0, 10**7]
with_header(h, "offset_out_of_range.safetensors")
h = dict(hdr); h[a] = dict(h[a]); h[a]["dtype"] = "F8_E4M3"
with_header(h, "unknown_dtype.safetensors")

c = "fuzz/corpus/parse_tensors/"
open(c + "seed_safetensors", "wb").write(b"\x00" + good)
open(c + "seed_npz", "wb").write(b"\x01" + open(d + "seq_2_3_1.npz", "rb").read())
open(c + "seed_data_npz", "wb").write(b"\x01" + open(d + "data_4.npz", "rb").read())

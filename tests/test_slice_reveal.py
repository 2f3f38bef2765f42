"""The slice that hides a saddle: a strict minimum along the slice, a saddle in two dimensions."""

import numpy as np

from mathcore.builtins import saddle
from mathcore.story.slice_reveal import slice_reveal

DATA = slice_reveal()


def test_the_slice_is_a_minimum_and_the_point_a_saddle():
    assert DATA.slice_second_derivative > 0 and DATA.kind == "saddle"
    assert DATA.eigenvalues[0] < 0 < DATA.eigenvalues[-1]
    assert DATA.slice_latex == "L(x, 0) = x^{2}" and DATA.eigenvalue_latex == ("-2", "2")
    along = DATA.eigen_curves[-1]
    assert np.argmin(along[:, 2]) == len(along) // 2, "along the slice the critical point is the lowest"


def test_the_eigen_curves_go_up_and_down_as_their_eigenvalues_say():
    loss = saddle()
    for value, vector, curve in zip(DATA.eigenvalues, DATA.eigenvectors, DATA.eigen_curves):
        np.testing.assert_allclose(curve[:, 2], loss.value(curve[:, :2]))
        s = curve[:, :2] @ vector
        np.testing.assert_allclose(curve[:, 2], value / 2 * s**2, atol=1e-12)  # exact for a quadratic


def test_the_folded_surface_lies_on_the_slice_curve():
    folded = DATA.slice_mesh
    assert np.all(folded.y == 0) and folded.z.shape == DATA.mesh.z.shape
    np.testing.assert_allclose(folded.z, np.broadcast_to(folded.x**2, folded.z.shape))

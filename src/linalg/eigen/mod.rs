//! Float eigen-solvers for symmetric `f64` matrices: Householder tridiagonalisation + implicit QL
//! ([`symmetric_eigen`], the float path's solver and the dominance certificate's guide) and cyclic
//! Jacobi ([`jacobi_eigen`], whose eigenvectors the Hessian witnesses use, and which the tests
//! compare the QL solver against).

mod jacobi;
mod tridiagonal;

pub use jacobi::{jacobi_eigen, Eigen};
pub use tridiagonal::symmetric_eigen;

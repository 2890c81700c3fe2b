//! The shared table test of the normalization steps (and of other small pure functions).

/// A table test for a normalization step: the test's name, the function that turns an input
/// into the step's output as a `String`, then `input => expected` rows. A failing row names the
/// test and its input. Every step file and the pipeline's own test use it, so a new case is one
/// line in a table.
macro_rules! table_test {
    ($name:ident: $step:path, $($input:expr => $want:expr),+ $(,)?) => {
        #[test]
        fn $name() {
            $(assert_eq!($step($input), $want, "{}: {:?}", stringify!($name), $input);)+
        }
    };
}
pub(crate) use table_test;

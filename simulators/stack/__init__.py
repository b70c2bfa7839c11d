"""Starting and stopping the processes of the demo and of the test stacks."""

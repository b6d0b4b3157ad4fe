"""Behaviour several handler modules share, on top of the state: the model layer.

A VM create reserves a floating IP and places the VM in a network; a load
balancer reserves an address too; disks are attached to VMs; billing,
billing payments and pricing find accounts alike. Those rules live here,
one module per section they belong to, so no handler imports another.
"""

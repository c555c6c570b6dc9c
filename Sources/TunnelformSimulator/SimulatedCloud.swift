import TunnelformCore

/// An in-process model of Alibaba Cloud's VPN and CEN objects. (Being written.)
public actor SimulatedCloud {}

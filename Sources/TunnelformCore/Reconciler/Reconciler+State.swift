/// Commands that change the state without planning: `import` and the `state` subcommands.
extension Reconciler {
    /// `import ADDR ID`: adopts the object `id` as `address`, which the manifests must declare and the
    /// state must not hold yet. Returns the import's notes.
    public func adopt(_ address: ResourceAddress, id: String, manifests folder: String? = nil, lockTimeout: Duration = .zero) async throws
        -> [String]
    {
        do {
            // The id's kind is checked before anything is read, so a wrong id fails at once.
            try Importer().check(id: id, address: address, state: State())
        } catch {
            throw ReconcileError.imported(error, at: nil)
        }
        return try await withLock("tunnelform import", timeout: lockTimeout) { lease in
            let project = try await load(manifests: folder)
            observer.diagnosed(project.manifests.diagnostics)
            let model = project.manifests.model
            let gateway = model.customerGateways.first { $0.value.address == address }
            let connection = model.connections.first { $0.value.address == address }
            guard let region = gateway?.value.region ?? connection?.value.region,
                  let location = gateway?.location(["region"]) ?? connection?.location(["region"]) else {
                let known = model.customerGateways.map(\.value.address.description) + model.connections.map(\.value.address.description)
                throw ReconcileError.notDeclared(address, hint: Suggestion.hint(for: address.description, in: known))
            }
            let inventory = try await provider().using { handle in
                do {
                    return try await handle.provider.observe(region: region)
                } catch {
                    throw ReconcileError.refresh(region: region, error)
                }
            }
            let outcome: Importer.Outcome
            do {
                if let gateway {
                    outcome = try Importer().importCustomerGateway(id: id, declared: gateway.value, inventory: inventory, state: project.state)
                } else if let connection {
                    outcome = try Importer().importConnection(id: id, declared: connection.value, inventory: inventory, state: project.state)
                } else {
                    throw ReconcileError.notDeclared(address, hint: nil)
                }
            } catch let error as ImportError {
                throw ReconcileError.imported(error, at: location)
            }
            try await write(outcome.state, over: project.state, lease: lease)
            return outcome.notes
        }
    }

    /// `state rm` and `state mv`: `edit` applied to the state under the lock, written atomically with
    /// the serial bumped. Returns the state written.
    public func editState(as command: String, lockTimeout: Duration = .zero,
                          _ edit: @Sendable (State) throws(StateEditError) -> State) async throws -> State {
        try await withLock("tunnelform \(command)", timeout: lockTimeout) { lease in
            let state: State
            do { state = try await backend.read() } catch { throw ReconcileError.state(error) }
            let edited: State
            do throws(StateEditError) { edited = try edit(state) } catch { throw ReconcileError.stateEdit(error) }
            return try await write(edited, over: state, lease: lease)
        }
    }

    /// The state as recorded; no lock is taken (a read never conflicts with a writer: writes are atomic).
    public func readState() async throws -> State {
        do { return try await backend.read() } catch { throw ReconcileError.state(error) }
    }

    @discardableResult
    private func write(_ next: State, over current: State, lease: any StateLease) async throws -> State {
        let keeper = StateKeeper(state: current, lease: lease)
        do {
            try await keeper.update { $0 = next }
        } catch {
            throw ReconcileError.stateWrite(error)
        }
        return await keeper.state
    }
}
